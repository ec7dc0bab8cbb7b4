# repo/ is the root of a repository (git keeps no .git folder in a commit).
mkdir repo/.git
