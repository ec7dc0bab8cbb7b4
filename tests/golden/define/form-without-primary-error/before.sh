# The manifest names project plugin files: trust them first, as their user would.
"$SWHOST" trust > /dev/null
