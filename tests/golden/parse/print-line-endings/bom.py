name = "bom"
other = "été"
