import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../../helpers/prometheus.js";

describe("the test's Prometheus text parser", () => {
  it("reads samples with escaped labels, special values and types", () => {
    const exp = parsePrometheusText(
      [
        "# HELP x_seconds a histogram",
        "# TYPE x_seconds histogram",
        'x_seconds_bucket{le="+Inf",path="C:\\\\DIR",msg="say \\"hi\\""} 3',
        'x_seconds_count{path="C:\\\\DIR",msg="say \\"hi\\""} 3 1395066363000',
        "up NaN",
        "",
      ].join("\n"),
    );
    expect(exp.types.get("x_seconds")).toBe("histogram");
    expect(sampleValue(exp, "x_seconds_count", { path: "C:\\DIR", msg: 'say "hi"' })).toBe(3);
    expect(sampleValue(exp, "x_seconds_bucket", { le: "+Inf", path: "C:\\DIR", msg: 'say "hi"' })).toBe(3);
    expect(sampleValue(exp, "x_seconds_count", { path: "C:\\DIR" })).toBe(0);
    expect(Number.isNaN(exp.samples.find((s) => s.name === "up")!.value)).toBe(true);
  });

  it.each(["x 1 2 3", "x{a=1} 2", 'x{a="1"', "x abc", "# TYPE x flavour", "9x 1"])("refuses %j", (line) => {
    expect(() => parsePrometheusText(line)).toThrow();
  });
});
