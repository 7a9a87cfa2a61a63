from reportlint.console import run

run()
