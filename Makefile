# naba: two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NABA := $(VENV)/bin/naba
STAMP := $(VENV)/.installed
DEV_DATA ?= ../shared/data/news/saudinewsnet-political-dev.jsonl

.PHONY: run test bench bench-spark eval eval-ner eval-times eval-attributions eval-events eval-events-gsr eval-gdelt train-ner kb system-deps clean soak

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

# Prints the Report of the built-in example, stores every example in ./naba.db, starts the web UI.
run: $(STAMP)
	$(NABA) analyze examples/kazakhstan-joins-accords.txt
	$(NABA) ingest --db naba.db examples/
	$(NABA) serve --db naba.db

# System services the tests use (PostgreSQL, Chromium); installed when missing.
system-deps:
	bash scripts/system-deps.sh

test: $(STAMP) system-deps
	bash scripts/run-tests.sh

# Reliability under load, faults and hostile input (bounded, loopback only; about 40 minutes on 2 busy cores).
# SOAK_ARGS=--quick runs the same checks with small counts.
soak: $(STAMP) system-deps
	$(PY) bench/soak.py $(SOAK_ARGS)

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/corpus_bench.py

# naba spark with 1 and 2 executor cores (local[N]); LIMIT articles of the unlabelled corpus (0: all 29k).
LIMIT ?= 3000
bench-spark: $(STAMP) system-deps
	$(PY) bench/spark_bench.py --limit $(LIMIT)

eval: eval-ner eval-times eval-attributions eval-events eval-events-gsr eval-gdelt

eval-ner: $(STAMP)
	$(PY) bench/eval_ner.py
	$(PY) bench/eval_translit.py

eval-times: $(STAMP)
	$(PY) bench/eval_times.py

eval-attributions: $(STAMP)
	$(PY) bench/eval_attributions.py

eval-events: $(STAMP)
	$(PY) bench/eval_events.py

# Events against outside coders (the Arabic event GSR, dev part, in ../shared).
eval-events-gsr: $(STAMP)
	$(PY) bench/eval_events_gsr.py

# How many GDELT-style rows of the dev articles carry coded actors.
eval-gdelt: $(STAMP)
	$(PY) bench/eval_gdelt_coverage.py

# The tagger (word clusters from the unlabelled news, gazetteer, CRF), then the entity stage's
# learned common words and the name transliterator. Needs the training extra: pip install .[train]
train-ner: $(STAMP)
	$(PY) -m pip install --quiet gensim pycountry
	$(PY) training/train_ner.py
	$(PY) training/build_entities_common_words.py
	$(PY) training/train_translit.py

# Rebuild the KB's country file from the CLDR names in ../shared, then validate every KB file.
kb: $(STAMP)
	$(PY) training/build_kb_countries.py
	$(PY) training/build_kb_actors.py
	$(PY) training/validate_kb.py

clean:
	rm -rf $(VENV) build *.egg-info
