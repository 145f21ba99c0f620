import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";

export type ElementKind = "type" | "field" | "argument" | "input field" | "enum value";

/** One element of a schema a client sees in introspection, named by its schema coordinate. */
export interface SchemaElement {
  kind: ElementKind;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`. */
  coordinate: string;
  description: string | null | undefined;
  /** The named type of a field, argument or input field (String, Float, an enum, …). */
  namedType?: string;
  deprecationReason?: string | null;
}

/** The schema's own types: graphql's built-in scalars (String, Int, …) and the __* introspection types excluded. */
export function ownTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
}

/** Every type, field, argument, input field and enum value of the schema's own types. */
export function schemaElements(schema: GraphQLSchema): SchemaElement[] {
  const out: SchemaElement[] = [];
  for (const type of ownTypes(schema)) {
    out.push({ kind: "type", coordinate: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        out.push({
          kind: "field",
          coordinate,
          description: field.description,
          namedType: getNamedType(field.type).name,
          deprecationReason: field.deprecationReason,
        });
        for (const arg of field.args)
          out.push({
            kind: "argument",
            coordinate: `${coordinate}(${arg.name}:)`,
            description: arg.description,
            namedType: getNamedType(arg.type).name,
            deprecationReason: arg.deprecationReason,
          });
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        out.push({
          kind: "input field",
          coordinate: `${type.name}.${field.name}`,
          description: field.description,
          namedType: getNamedType(field.type).name,
          deprecationReason: field.deprecationReason,
        });
    } else if (isEnumType(type)) {
      for (const value of type.getValues())
        out.push({
          kind: "enum value",
          coordinate: `${type.name}.${value.name}`,
          description: value.description,
          deprecationReason: value.deprecationReason,
        });
    }
  }
  return out;
}
