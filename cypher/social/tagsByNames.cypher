// Tags with the given names ($names); missing names give no row.
UNWIND $names AS name
MATCH (tag:Tag {name: name})
RETURN name
