"$SWHOST" convert input.s --target python --out lifted.py 2> /dev/null
sed -i "s/^    return$/    return  # edited by hand/" lifted.py
