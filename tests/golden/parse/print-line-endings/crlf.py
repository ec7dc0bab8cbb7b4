if a:
    b = 1  # crlf

c = (1,
     2)
