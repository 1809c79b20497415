"""Demo mode in one place: the synthetic dataset (never real people), loading it into the central
store, and the demo desktop that runs the real central store on loopback. Nothing outside this
package and the tests imports it, except the two programs' ``--demo`` switches."""
