"""What the tests and the benchmarks (Testing/Benchmarks) share, kept out of the installed
`paravoxel` package:

  reference  the tutorial's intensity curve in numpy, the reference of tests and benchmarks
  measure    timing and peak memory of a benchmark's methods, each in its own process
  volumes    the benchmarks' volumes: mricron-data's ch2better as Analyze zips

The tests find it on their PYTHONPATH (Testing/CMakeLists.txt), the benchmarks through
Testing/Benchmarks/support_path.py.
"""
