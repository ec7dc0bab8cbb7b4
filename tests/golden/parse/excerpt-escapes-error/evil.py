x = "[31mred[0m" ‮ +
