/* Generated from schemas/lifecycle.schema.json by scripts/tools/gen-types.ts — do not edit; run npm run gen:types. */

export type FieldPath = string;

export interface Lifecycle {
  version: 1;
  /**
   * @minItems 2
   */
  phases: [
    {
      id: string;
      title: string;
      gate?: {
        fields?: FieldPath[];
        fields_when?: {
          if: {
            field: FieldPath;
            equals: unknown;
          };
          fields: FieldPath[];
        }[];
        sections?: string[];
        checks?: string[];
        approval?: {
          /**
           * @minItems 1
           */
          from: [string, ...string[]];
          description?: string;
        };
      };
      next: string[];
      shortcuts?: {
        to: string;
        when: string;
        description?: string;
      }[];
    },
    {
      id: string;
      title: string;
      gate?: {
        fields?: FieldPath[];
        fields_when?: {
          if: {
            field: FieldPath;
            equals: unknown;
          };
          fields: FieldPath[];
        }[];
        sections?: string[];
        checks?: string[];
        approval?: {
          /**
           * @minItems 1
           */
          from: [string, ...string[]];
          description?: string;
        };
      };
      next: string[];
      shortcuts?: {
        to: string;
        when: string;
        description?: string;
      }[];
    },
    ...{
      id: string;
      title: string;
      gate?: {
        fields?: FieldPath[];
        fields_when?: {
          if: {
            field: FieldPath;
            equals: unknown;
          };
          fields: FieldPath[];
        }[];
        sections?: string[];
        checks?: string[];
        approval?: {
          /**
           * @minItems 1
           */
          from: [string, ...string[]];
          description?: string;
        };
      };
      next: string[];
      shortcuts?: {
        to: string;
        when: string;
        description?: string;
      }[];
    }[]
  ];
  reopen: {
    from: string[];
    to: string[];
  };
}
