lotsSearch.addShard({"chunk":50,"collectionRuns":"$'%(&$#$$$%$&$","collections":["Startsidan","Guider","Nyheter","Återvändare"],"docs":14,"type":"meta","version":"5f00497ae499","vocab":["1"]});
