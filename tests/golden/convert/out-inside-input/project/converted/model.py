# an earlier result, converted again it would be project/converted/converted/model.py
import jax
