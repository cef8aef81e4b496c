"""What the notebook review knows about libraries: names of classes and functions.

Names are matched on the last dotted part (``sk.preprocessing.StandardScaler`` is
``StandardScaler``), so a notebook's import style does not matter. This is data the
static analysis reads; adding a transformer or a metric here is how its reach grows.
"""

from __future__ import annotations

import re

__all__ = [
    "COLUMN_TRANSFORMERS",
    "CONFIDENCE_TEXT",
    "CV_FUNCTIONS",
    "DATE_RE",
    "ENTITY_RE",
    "ESTIMATOR_DISPLAYS",
    "METRIC_RE",
    "MODEL_NAMES",
    "MODEL_SINKS",
    "MODEL_SUFFIXES",
    "OTHER_METRIC_NAMES",
    "PASS_THROUGH",
    "PIPELINES",
    "RANDOM_DRAWS",
    "READERS",
    "RESAMPLERS",
    "ROW_SUBSETS",
    "SEARCHES",
    "SPLITTERS_RANDOM",
    "SPLITTERS_SAFE",
    "STATEFUL_TRANSFORMERS",
    "STATELESS",
    "STATISTICS",
    "TEST_NAME",
    "TRAIN_NAME",
    "VAL_NAME",
    "metric_names",
]

STATEFUL_TRANSFORMERS = {
    "StandardScaler",
    "MinMaxScaler",
    "RobustScaler",
    "MaxAbsScaler",
    "QuantileTransformer",
    "PowerTransformer",
    "KBinsDiscretizer",
    "SimpleImputer",
    "KNNImputer",
    "IterativeImputer",
    "OneHotEncoder",
    "OrdinalEncoder",
    "TargetEncoder",
    "CountVectorizer",
    "TfidfVectorizer",
    "TfidfTransformer",
    "DictVectorizer",
    "SelectKBest",
    "SelectPercentile",
    "SelectFpr",
    "SelectFdr",
    "SelectFwe",
    "GenericUnivariateSelect",
    "VarianceThreshold",
    "RFE",
    "RFECV",
    "SelectFromModel",
    "SequentialFeatureSelector",
    "PCA",
    "TruncatedSVD",
    "NMF",
    "FastICA",
    "KernelPCA",
    "IncrementalPCA",
    "SparsePCA",
    "FactorAnalysis",
    "LatentDirichletAllocation",
    "ColumnTransformer",
    "SplineTransformer",
    "Nystroem",
    "MissingIndicator",
    "Binarizer_",
}
STATELESS = {
    "Normalizer",
    "FunctionTransformer",
    "HashingVectorizer",
    "PolynomialFeatures",
    "Binarizer",
    "LabelEncoder",
    "LabelBinarizer",
    "MultiLabelBinarizer",
}
RESAMPLERS = {
    "SMOTE",
    "ADASYN",
    "RandomOverSampler",
    "BorderlineSMOTE",
    "SVMSMOTE",
    "KMeansSMOTE",
    "SMOTENC",
    "SMOTEN",
    "SMOTETomek",
    "SMOTEENN",
}
SEARCHES = {"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV"}
PIPELINES = {"Pipeline", "make_pipeline"}
COLUMN_TRANSFORMERS = {"ColumnTransformer", "make_column_transformer"}
MODEL_SUFFIXES = ("Classifier", "Regressor", "Regression", "SVC", "SVR", "NB", "Lasso", "Ridge")
MODEL_NAMES = {
    "LogisticRegression",
    "LinearRegression",
    "Lasso",
    "Ridge",
    "ElasticNet",
    "SVC",
    "SVR",
    "LinearSVC",
    "LinearSVR",
    "NuSVC",
    "KNeighborsClassifier",
    "KNeighborsRegressor",
    "GaussianNB",
    "MultinomialNB",
    "BernoulliNB",
    "XGBClassifier",
    "XGBRegressor",
    "LGBMClassifier",
    "LGBMRegressor",
    "CatBoostClassifier",
    "CatBoostRegressor",
    "Perceptron",
    "MLPClassifier",
    "MLPRegressor",
    "Sequential",
    "LinearDiscriminantAnalysis",
    "QuadraticDiscriminantAnalysis",
    "LogisticRegressionCV",
    "RidgeClassifier",
    "RidgeCV",
    "LassoCV",
    "ElasticNetCV",
    "DummyClassifier",
    "DummyRegressor",
    "IsolationForest",
}
SPLITTERS_RANDOM = {
    "KFold",
    "StratifiedKFold",
    "ShuffleSplit",
    "StratifiedShuffleSplit",
    "RepeatedKFold",
    "RepeatedStratifiedKFold",
}
SPLITTERS_SAFE = {
    "TimeSeriesSplit",
    "GroupKFold",
    "GroupShuffleSplit",
    "LeaveOneGroupOut",
    "StratifiedGroupKFold",
    "PredefinedSplit",
    "LeavePGroupsOut",
}
CV_FUNCTIONS = {
    "cross_val_score",
    "cross_validate",
    "cross_val_predict",
    "learning_curve",
    "validation_curve",
    "permutation_test_score",
}
MODEL_SINKS = {
    "predict",
    "predict_proba",
    "predict_log_proba",
    "decision_function",
    "score",
    "evaluate",
}
ESTIMATOR_DISPLAYS = {
    "from_estimator",
    "plot_confusion_matrix",
    "plot_roc_curve",
    "plot_precision_recall_curve",
    "permutation_importance",
}
METRIC_RE = re.compile(
    r"(_score|_error|_loss|^confusion_matrix$|^classification_report$|^roc_curve$|"
    r"^precision_recall_curve$|^mean_absolute_percentage_error$|_deviance$)"
)
# Metric names as user code writes them (``scoring="roc_auc"``, a dict keyed "rmse"): every
# name and plain error key of diveml's metrics registry, read when a notebook is analysed
# so that a metric registered there is recognised here too, and the names of scikit-learn
# metrics diveml does not study with.
OTHER_METRIC_NAMES = frozenset({"auc", "jaccard"})


def metric_names() -> frozenset[str]:
    """Return the metric names the notebook review recognises in user code."""
    from diveml.study._metrics import scorer_names

    return scorer_names() | OTHER_METRIC_NAMES


STATISTICS = {
    "mean",
    "median",
    "std",
    "var",
    "quantile",
    "mode",
    "min",
    "max",
    "nanmean",
    "nanmedian",
    "nanstd",
    "percentile",
    "average",
}
READERS = re.compile(
    r"^(read_\w+|load_\w+|fetch_\w+|make_classification|make_regression|"
    r"make_blobs|make_moons|make_circles|loadtxt|genfromtxt|DataFrame)$"
)
PASS_THROUGH = {
    "copy",
    "reset_index",
    "to_numpy",
    "astype",
    "ravel",
    "reshape",
    "fillna",
    "replace",
    "dropna",
    "apply",
    "map",
    "where",
    "clip",
    "round",
    "abs",
    "rename",
    "set_index",
    "sort_index",
    "values",
    "toarray",
    "todense",
    "squeeze",
    "flatten",
    "assign",
    "get_dummies",
    "array",
    "asarray",
    "log1p",
    "log",
    "sqrt",
    "exp",
    "transpose",
    "interpolate",
    "ffill",
    "bfill",
    "infer_objects",
    "convert_dtypes",
}
RANDOM_DRAWS = {
    "normal",
    "uniform",
    "rand",
    "randn",
    "integers",
    "randint",
    "choice",
    "poisson",
    "gamma",
    "binomial",
    "random",
    "exponential",
    "lognormal",
    "beta",
}
ROW_SUBSETS = {"sample", "head", "tail", "query", "iloc", "loc", "nlargest", "nsmallest"}
ENTITY_RE = re.compile(
    r"(subject|patient|user|participant|customer|person|player|animal|mouse|driver|"
    r"session|visit|household|student|individual|device|machine|store|account)(_?id)?$",
    re.IGNORECASE,
)
DATE_RE = re.compile(r"(date|time|timestamp|datetime|day|month|year)$", re.IGNORECASE)
TEST_NAME = re.compile(r"(^|_)(test|tst|holdout|hold_out|heldout|unseen)(_|$|\d)|test", re.I)
TRAIN_NAME = re.compile(r"(^|_)(train|trn|training)(_|$|\d)|train", re.I)
VAL_NAME = re.compile(r"(^|_)(val|valid|validation|dev)(_|$|\d)", re.I)
CONFIDENCE_TEXT = re.compile(r"confiden|\bCI\b|95\s*%|interval", re.I)
