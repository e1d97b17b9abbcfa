"""Inter-annotator agreement: span F1, Cohen's and Fleiss' κ, Krippendorff's α, relation F1
and entity-link agreement (docs/agreement.md). Inputs are plain data (model.py); the store
builds them from a project (store/agreement_input.py)."""

from annotator.core.agreement.compute import compute, documents_used
from annotator.core.agreement.model import (
    POOLED,
    UNITS,
    AgreementInput,
    DocumentIn,
    LayerIn,
    RelationIn,
    SpanIn,
    Unit,
)

__all__ = [
    "POOLED",
    "UNITS",
    "AgreementInput",
    "DocumentIn",
    "LayerIn",
    "RelationIn",
    "SpanIn",
    "Unit",
    "compute",
    "documents_used",
]
