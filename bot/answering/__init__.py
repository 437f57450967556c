"""The answering core: a question in, a decided and cited reply out, all pure.

`facts` reads and validates facts.yaml into frozen dataclasses; `matcher` ranks facts for
a question and gathers the evidence; `decision` turns that evidence into answer, "did you
mean" or decline; `followup` resolves questions that lean on the previous answer;
`replies` and `messages` render the result; `engine` bundles a base with its matcher.
Uses `bot.language`; knows nothing of Telegram or curation.
"""
