"$SWHOST" trust > /dev/null
# The manifest changes after it was trusted.
printf "\n[options.alpha]\n" >> switcheroo.toml
