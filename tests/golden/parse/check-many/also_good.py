größe = "non-ascii"
