"$SWHOST" trust > /dev/null
