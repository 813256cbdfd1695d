/** The reference implementation the blossom tests compare against; the package ships no types. */
declare module 'edmonds-blossom-fixed' {
  /** Returns mate[v] (or -1) for edges [u, v, weight]. */
  function maxWeightMatching(edges: Array<[number, number, number]>, maxCardinality?: boolean): number[];
  export = maxWeightMatching;
}
