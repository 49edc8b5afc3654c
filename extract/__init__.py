"""Text → records. Reads UN documents and finds entities, references and tasks.

Never imports rdflib: the graph side depends on this package, not the other way round.
"""
