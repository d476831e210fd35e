# Two commands for a fresh Debian machine: `make demo` and `make test`.
# Each installs what it needs: Debian packages through apt when missing, the project into .venv.

VENV    := .venv
PY      := $(VENV)/bin/python
FINSAM  := $(VENV)/bin/finsam
SYSPKGS := python3-venv python3-dev fonts-dejavu-core tesseract-ocr tesseract-ocr-swe \
           ocrmypdf poppler-utils ghostscript postgresql chromium
DEMO_DB := sqlite:///demo/finsam.db
# The history archive's rename and merger, as a user adds them: a lexicon file of their own.
DEMO_REGISTER := demo/archive/history/register.toml

.PHONY: setup sysdeps demo test bench bench-ocr bench-corpus bench-scale bench-series bench-giant lint clean

sysdeps:
	@missing=""; for p in $(SYSPKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

setup: sysdeps $(VENV)/.installed

# The main job on a bundled sample archive: generate it, import it, print the findings.
# One report of the archive is a 200 dpi scan, so the demo shows OCR too; history/ holds a few
# förbund over many years (an era change, a missing year, a rename, a merger) for the series.
demo: setup
	rm -rf demo && $(PY) -m fixtures.generate demo/archive > /dev/null
	$(PY) -c "from pathlib import Path; from fixtures.scan import write_scans; \
	  p = Path('demo/archive/vastra_bergslagen-2023.pdf'); \
	  write_scans(p, p.parent, 7, ['scan200']); p.unlink(); p.with_suffix('.json').unlink()"
	$(PY) -m fixtures.history demo/archive/history > /dev/null
	cd demo/archive && ../../$(PY) -m zipfile -c sodra_malarkusten.zip \
	  sodra_malarkusten-2017.pdf sodra_malarkusten-2018.pdf && \
	  rm sodra_malarkusten-2017.pdf sodra_malarkusten-2018.pdf
	$(FINSAM) ingest demo/archive --db $(DEMO_DB) --lexicon $(DEMO_REGISTER)
	$(FINSAM) check --db $(DEMO_DB) --fail-on never --lexicon $(DEMO_REGISTER)
	$(FINSAM) coverage --db $(DEMO_DB) --by label
	$(FINSAM) organisations --db $(DEMO_DB) --lexicon $(DEMO_REGISTER)
	$(FINSAM) export statements --db $(DEMO_DB) -o demo/statements.csv
	$(FINSAM) export series --db $(DEMO_DB) --format parquet -o demo/series.parquet
	$(FINSAM) series --db $(DEMO_DB) --wide -o demo/series_wide.csv
	$(FINSAM) report --db $(DEMO_DB) -o demo/report.html
	@command -v chromium >/dev/null || { echo "chromium is not installed (the report's" \
	  "screenshot): install it with 'apt-get install chromium'"; exit 1; }
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
	  --screenshot=$(CURDIR)/demo/report.png file://$(CURDIR)/demo/report.html 2>/dev/null
	@echo "database: demo/finsam.db; statements: demo/statements.csv; report: demo/report.html" \
	  "(screenshot demo/report.png); series: demo/series.parquet, demo/series_wide.csv"
	@echo "browse it: $(FINSAM) serve --db $(DEMO_DB)   (Datasette on http://127.0.0.1:8001/)"

# pytest runs tests/ (the layer test among them) and the doctests of the product packages
# (testpaths and --doctest-modules in pyproject.toml).
test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/bench_ingest.py

bench-ocr: setup
	$(PY) benchmarks/bench_ocr.py

bench-corpus: setup
	$(PY) benchmarks/bench_corpus.py

# Archive scale: ingest over 1 and 2 workers and a 2-worker Dask cluster, full vs incremental
# check on 1 000 reports, peak memory, a projection of 60 000 pages (REPORTS=, INGEST_FILES=).
bench-scale: setup
	$(PY) benchmarks/bench_scale.py --reports $(or $(REPORTS),1000) $(if $(INGEST_FILES),--ingest-files $(INGEST_FILES))

bench-series: setup
	$(PY) benchmarks/bench_series.py

bench-giant: setup
	$(PY) benchmarks/bench_giant.py

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf demo .pytest_cache
