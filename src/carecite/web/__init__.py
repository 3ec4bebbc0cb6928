"""carecite in a browser: ``carecite serve`` runs these pages and JSON API on this machine.

Needs the ``web`` extra (``pip install 'carecite[web]'``): Starlette, uvicorn and
python-multipart. The pages and the API call only carecite's public Python API
(``actions``); ``security`` guards every request; ``server`` runs it.
"""
