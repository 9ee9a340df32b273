"""Course labs: solution markers, student-tree export, graders (docs/labs.md)."""
