"""Simulated demand and supply: the order simulator, weeks of history, the live trickle, nightly supply."""
