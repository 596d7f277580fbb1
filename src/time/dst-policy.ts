// The DST policies name what wall-time resolution does, so they live with it in time/;
// series/ re-exports them as part of a series' `dst`.

/** What to do with an occurrence whose start falls in a spring-forward gap. */
export type NonexistentPolicy = 'shift' | 'skip' | 'error';

/** Which of the two instants to use when a wall time happens twice. */
export type AmbiguousPolicy = 'earlier' | 'later';
