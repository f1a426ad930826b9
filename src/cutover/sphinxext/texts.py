"""The words the extension writes itself on the step cards, the step index, the symptom lookup and short links."""

from __future__ import annotations

from cutover.catalogue import Lang

_TEXTS: dict[Lang, dict[str, str]] = {
    "de": {
        "permalink": "Dauerhafter Link zu diesem Schritt",
        "copy": "Link kopieren",
        "copy_label": "Link kopieren (Schritt {id})",
        "copied": "Link kopiert",
        "failed": "Der Link ließ sich nicht kopieren. Bitte kopieren Sie ihn von Hand",
        "id": "Kennung",
        "step": "Schritt",
        "kind": "Art",
        "applies": "Gilt",
        "retired": "Frühere Kennungen",
        "retired_none": "Bisher wurde keine Kennung ersetzt.",
        "retired_intro": (
            "Diese Kennungen wurden ersetzt. Ihre Links führen weiter zum Schritt unter seiner neuen Kennung."
        ),
        "now": "Führt jetzt zu",
        "causes": "Das kann dahinterstecken:",
        "prevent": "Schritte, die das verhindern:",
        "more": "Mehr dazu:",
        "moved": "Dieser Schritt steht hier:",
        "renamed": "Die Kennung {old} heißt jetzt {new}.",
    },
    "en": {
        "permalink": "Permanent link to this step",
        "copy": "Copy link",
        "copy_label": "Copy link (step {id})",
        "copied": "Link copied",
        "failed": "The link could not be copied. Please copy it by hand",
        "id": "ID",
        "step": "Step",
        "kind": "Type",
        "applies": "Applies",
        "retired": "Former IDs",
        "retired_none": "No ID has been replaced so far.",
        "retired_intro": "These IDs were replaced. Their links still lead to the step under its new ID.",
        "now": "Now leads to",
        "causes": "What can cause it:",
        "prevent": "Steps that prevent it:",
        "more": "More on this:",
        "moved": "This step is here:",
        "renamed": "The ID {old} is now {new}.",
    },
}
