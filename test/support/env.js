// Every position the YAML outline gives during the tests is checked against the full tree's.
process.env.MLM_CHECK_YAML_OUTLINE = '1';
// Every file's facts are also found by running every finder on it: the finders' file table must agree.
process.env.MLM_CHECK_FACT_FINDERS = '1';
