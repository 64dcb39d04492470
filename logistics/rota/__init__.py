"""The week's rota (planning de l'équipe): who works where, every day, for staff on integration
contracts. ``model`` holds the plain data, ``needs`` what the week asks for, ``solver`` the
CP-SAT model over that data (no database inside), ``explain`` why no rota exists, ``checker``
an independent verdict on any rota; ``tables`` and ``services`` store rotas and load the week."""
