"""Records → RDF: build, validate (SHACL), store (pyoxigraph), dump, query and export."""
