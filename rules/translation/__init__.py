"""Translation QA (family T): checks that compare a translation with its source.

Each module is one group of checks; every rule reads the document's :class:`Bitext` (the
aligned source and target blocks, built once per document by :func:`_base.bitext_of`) and
exposes its pair-level check as ``rule.unit_check`` so bilingual files and tables of segments
(:func:`lint.translation.check_pairs`) run the same code.
"""
