package search

// shardConfig is the scorch configuration a new shard is created with;
// nil keeps Bleve's defaults.
func shardConfig() map[string]interface{} { return nil }
