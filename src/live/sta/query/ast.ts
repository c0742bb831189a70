/** The parsed form of SensorThings query options. */
export type Literal =
  | { k: 'lit'; type: 'number'; value: number; integer: boolean }
  | { k: 'lit'; type: 'string'; value: string }
  | { k: 'lit'; type: 'bool'; value: boolean }
  | { k: 'lit'; type: 'null'; value: null }
  | { k: 'lit'; type: 'datetime'; value: number }
  | { k: 'lit'; type: 'date'; value: string }
  | { k: 'lit'; type: 'geo'; value: string; geojson: string };

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export type LogicalOp = 'and' | 'or';

export type Expr =
  | Literal
  | { k: 'path'; segments: string[] }
  | { k: 'bin'; op: ComparisonOp | ArithmeticOp | LogicalOp; left: Expr; right: Expr }
  | { k: 'not'; expr: Expr }
  | { k: 'neg'; expr: Expr }
  | { k: 'call'; name: string; args: Expr[] };

export interface OrderBy {
  expr: Expr;
  desc: boolean;
}

export interface ExpandItem {
  /** The navigation property; a path `A/B` is normalised to A($expand=B). */
  nav: string;
  options: QueryOptions;
}

export interface QueryOptions {
  filter?: Expr;
  select?: string[];
  expand?: ExpandItem[];
  orderby?: OrderBy[];
  top?: number;
  skip?: number;
  count?: boolean;
  resultFormat?: 'dataArray';
  /** The options as written (name → text), to rebuild links such as @iot.nextLink. */
  raw: Record<string, string>;
}
