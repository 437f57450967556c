"""The answering core: a question in, a decided and cited reply out, all pure.

`facts` reads and validates facts.yaml (`yaml_file` reads the YAML and reports its
errors by line) into the frozen dataclasses of `model`. `matcher` reads a question
(`reading`), ranks the facts (`index`, `scoring`), gathers what the decision weighs
(`evidence`) and lets `decision` answer, ask "Did you mean…?" or decline; `smalltalk`
recognises greetings and thanks. `followup` resolves questions that lean on the previous
answer; `replies` and `messages` render the result; `engine` bundles a base with its
matcher. Uses `bot.language`; knows nothing of Telegram or curation.
"""
