#!/usr/bin/env python3
"""Sanity checks for eval/rc4: 16 articles of one paragraph and 5 questions in
each of traditional.json and simplified.json. The checks are eval/squadcheck.py's
(layout, counts, context length, answer offsets, unique ids and questions,
script purity, answers of at most 30 characters). Run: python3 eval/rc4/check.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import squadcheck  # noqa: E402

sys.exit(squadcheck.main(HERE, articles=16, per=5, context=(300, 650), answer_max=30))
