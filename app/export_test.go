package app

// FacetDeltasForTest is how many facet entries were brought forward by
// added notes instead of counted again.
func (a *App) FacetDeltasForTest() int64 { return a.facets.deltas.Load() }
