class Extra(:
    pass
