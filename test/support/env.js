// Every position the YAML outline gives during the tests is checked against the full tree's.
process.env.MLM_CHECK_YAML_OUTLINE = '1';
