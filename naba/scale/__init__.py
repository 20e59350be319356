"""Scale-out: the analyst tables (tables.py, pyarrow only) and the Spark batch (spark.py, needs the
optional extra ``naba[spark]``)."""
