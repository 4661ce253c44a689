"""The request letters on screen and on paper: the drafting dialog and the letter PDF."""
