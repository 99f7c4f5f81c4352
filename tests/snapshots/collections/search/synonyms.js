lotsSearch.addShard({"synonyms":[],"type":"synonyms"});
