"""BLÉ's trainees (bénéficiaires): who they are, the training cycles they follow, attendance."""
