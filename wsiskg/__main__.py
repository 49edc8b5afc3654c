import sys

from wsiskg.cli import main

sys.exit(main())
