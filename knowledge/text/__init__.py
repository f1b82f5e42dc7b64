"""The one home for text utilities (sentence spans, tokens, overlap, slugs).

Ingest, retriever, composer, comparison and the LLM verifier all cut and compare text; doing
it in one place keeps their answers consistent (a sentence the chunker cuts is the sentence
the composer quotes) and keeps ``ingest`` and ``assistant`` from importing each other. It
lives in ``knowledge`` because that is the lowest layer: it imports nothing from the others.
"""
