"$SWHOST" convert input.s --target python --out lifted.py 2> /dev/null
sed -i "s/^    grid.store_global(t + p0, v2, 4)$/    grid.store_global(t + p0, v2, 4)  # edited by hand/" lifted.py
