lotsSearch.addShard({"chunk":50,"collectionRuns":"$'%(&$#$$$%$&$","collections":["Startsidan","Guider","Nyheter","Återvändare"],"docs":14,"type":"meta","version":"a57ecf981d8e","vocab":["1"]});
