"$SWHOST" trust > /dev/null
"$SWHOST" trust --revoke switcheroo.toml > /dev/null
