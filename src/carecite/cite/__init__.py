"""Citations: OSCOLA and practitioner styles, pinpoints, the note state (full → short → ibid)."""
