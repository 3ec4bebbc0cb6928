"""Ship the top-level quotes/, templates/, examples/ and inspections/ as carecite/data/.

The bank (with bank.schema.json), the templates, the example case files (with
case.schema.json) and the inspections dataset (with its README and the authorities' names)
live at the top of the repository, where they are edited; a
plain ``pip install .`` copies them into the package so an installed carecite has them.
Editable installs read them from the repository instead (see ``carecite.resources``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("quotes", "templates", "examples", "inspections")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "carecite" / "data"
        for name in SHIPPED:
            if (root / name).is_dir():
                shutil.copytree(root / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
