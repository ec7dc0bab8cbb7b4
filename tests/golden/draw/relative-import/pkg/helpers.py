def rounded(value: int, step: int = 4) -> int:
    return (value + step - 1) // step * step
