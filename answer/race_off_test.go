//go:build !race

package answer

// raceOn: the race detector slows every test some ten times; the
// exhaustive ones sample their inputs under it.
const raceOn = false
